//! The idempotency key of an automatic post: one constructor per kind, formatted and parsed here only.
//! A key is unique per (kind, gathering, offset or fire time), so planning twice yields one row; it is
//! stored as text (`reminder:7:1796400000:1440`).

use super::gathering::GatheringId;
use super::ids::MemberRef;
use chrono::NaiveDateTime;
use std::fmt;

const LOCAL: &str = "%Y-%m-%dT%H:%M:%S";

/// What an automatic post is, as its key says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostKey {
    /// A reminder `offset_minutes` before the gathering that starts at `start` (unix seconds).
    Reminder {
        /// The gathering it reminds members of.
        gathering: GatheringId,
        /// Its start when planned (a moved gathering gets new keys).
        start: i64,
        /// How long before the start.
        offset_minutes: i64,
    },
    /// The role prompt at the first reminder offset.
    PromptAtOffset {
        /// The gathering whose open roles it asks about.
        gathering: GatheringId,
        /// Its start when planned (unix seconds); a move gives new keys.
        start: i64,
    },
    /// A role prompt `offset_minutes` before the gathering (a `role_prompt` of offsets, `14d,7d,3d`).
    PromptBefore {
        /// The gathering whose open roles it asks about.
        gathering: GatheringId,
        /// Its start when planned (unix seconds); a move gives new keys.
        start: i64,
        /// How long before the start.
        offset_minutes: i64,
    },
    /// The role prompt at a fire time of the community's cron (local wall-clock time).
    PromptOnCron {
        /// Steward's id of the community whose cron fired.
        community: i64,
        /// The fire time on the community's wall clock.
        local: NaiveDateTime,
    },
    /// The harvest prompt when the gathering ends at `end`.
    Harvest {
        /// The gathering whose attendance it asks about.
        gathering: GatheringId,
        /// Its end when planned (unix seconds).
        end: i64,
    },
    /// The next gathering's agenda card when this one ends at `end`.
    CardAfter {
        /// The gathering that ends.
        gathering: GatheringId,
        /// Its end when planned (unix seconds).
        end: i64,
    },
    /// The agenda card right after a series is scheduled.
    CardScheduled {
        /// Steward's id of the series just scheduled.
        series: i64,
    },
    /// The notice of a move, made by one organizer command (`interaction`).
    MoveNotice {
        /// The gathering that was moved.
        gathering: GatheringId,
        /// The interaction that moved it.
        interaction: u64,
    },
    /// The notice of a cancellation (a gathering is cancelled once).
    CancelNotice {
        /// The gathering that was cancelled.
        gathering: GatheringId,
    },
    /// The notice of an edit of one gathering's time or place, by one organizer command.
    EditNotice {
        /// The gathering that was edited.
        gathering: GatheringId,
        /// The interaction that edited it.
        interaction: u64,
    },
    /// The notice of a change of a series from one of its dates on (edit or reschedule), by one
    /// interaction (a command, or the click that confirmed it).
    SeriesNotice {
        /// Steward's id of the series changed.
        series: i64,
        /// The interaction that changed it.
        interaction: u64,
    },
    /// A reminder's DM to one member who answered going.
    Dm {
        /// The key of the channel reminder this DM goes with.
        reminder: Box<PostKey>,
        /// The member it goes to (one who answered going).
        member: MemberRef,
    },
    /// A key this version does not know (planned by tests, or by a later version): kept as it is.
    Other(String),
}

impl PostKey {
    /// Reads a stored key back; anything else is [`PostKey::Other`].
    pub fn parse(text: &str) -> PostKey {
        Self::known(text).unwrap_or_else(|| PostKey::Other(text.to_owned()))
    }

    fn known(text: &str) -> Option<PostKey> {
        let (kind, rest) = text.split_once(':')?;
        let number = |s: &str| s.parse::<i64>().ok();
        let fields: Vec<&str> = rest.split(':').collect();
        let key = match (kind, fields.as_slice()) {
            ("reminder", [g, start, offset]) => PostKey::Reminder {
                gathering: GatheringId(number(g)?),
                start: number(start)?,
                offset_minutes: number(offset)?,
            },
            ("prompt-before", [g, start, offset]) => PostKey::PromptBefore {
                gathering: GatheringId(number(g)?),
                start: number(start)?,
                offset_minutes: number(offset)?,
            },
            ("prompt-offset", [g, start]) => PostKey::PromptAtOffset {
                gathering: GatheringId(number(g)?),
                start: number(start)?,
            },
            ("prompt", [_, _, _, _]) => {
                // The local time holds `:` itself: `prompt:3:2026-12-07T10:00:00`.
                let (community, local) = rest.split_once(':')?;
                PostKey::PromptOnCron {
                    community: number(community)?,
                    local: NaiveDateTime::parse_from_str(local, LOCAL).ok()?,
                }
            }
            ("harvest", [g, end]) => PostKey::Harvest {
                gathering: GatheringId(number(g)?),
                end: number(end)?,
            },
            ("card-after", [g, end]) => PostKey::CardAfter {
                gathering: GatheringId(number(g)?),
                end: number(end)?,
            },
            ("card-scheduled", [series]) => PostKey::CardScheduled {
                series: number(series)?,
            },
            ("notice", ["move", g, interaction]) => PostKey::MoveNotice {
                gathering: GatheringId(number(g)?),
                interaction: interaction.parse().ok()?,
            },
            ("notice", ["cancel", g]) => PostKey::CancelNotice {
                gathering: GatheringId(number(g)?),
            },
            ("notice", ["edit", g, interaction]) => PostKey::EditNotice {
                gathering: GatheringId(number(g)?),
                interaction: interaction.parse().ok()?,
            },
            ("notice", ["series", series, interaction]) => PostKey::SeriesNotice {
                series: number(series)?,
                interaction: interaction.parse().ok()?,
            },
            ("dm", _) => {
                let (reminder, member) = rest.rsplit_once(':')?;
                PostKey::Dm {
                    reminder: Box::new(Self::known(reminder)?),
                    member: MemberRef(member.parse().ok()?),
                }
            }
            _ => return None,
        };
        // Only keys that print back the same are read as known.
        (key.to_string() == text).then_some(key)
    }
}

impl fmt::Display for PostKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PostKey::Reminder {
                gathering,
                start,
                offset_minutes,
            } => write!(f, "reminder:{}:{start}:{offset_minutes}", gathering.0),
            PostKey::PromptAtOffset { gathering, start } => {
                write!(f, "prompt-offset:{}:{start}", gathering.0)
            }
            PostKey::PromptBefore {
                gathering,
                start,
                offset_minutes,
            } => write!(f, "prompt-before:{}:{start}:{offset_minutes}", gathering.0),
            PostKey::PromptOnCron { community, local } => {
                write!(f, "prompt:{community}:{}", local.format(LOCAL))
            }
            PostKey::Harvest { gathering, end } => write!(f, "harvest:{}:{end}", gathering.0),
            PostKey::CardAfter { gathering, end } => write!(f, "card-after:{}:{end}", gathering.0),
            PostKey::CardScheduled { series } => write!(f, "card-scheduled:{series}"),
            PostKey::MoveNotice {
                gathering,
                interaction,
            } => write!(f, "notice:move:{}:{interaction}", gathering.0),
            PostKey::CancelNotice { gathering } => write!(f, "notice:cancel:{}", gathering.0),
            PostKey::EditNotice {
                gathering,
                interaction,
            } => write!(f, "notice:edit:{}:{interaction}", gathering.0),
            PostKey::SeriesNotice {
                series,
                interaction,
            } => write!(f, "notice:series:{series}:{interaction}"),
            PostKey::Dm { reminder, member } => write!(f, "dm:{reminder}:{}", member.0),
            PostKey::Other(text) => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn keys() -> Vec<PostKey> {
        let g = GatheringId(7);
        let reminder = PostKey::Reminder {
            gathering: g,
            start: 1_796_400_000,
            offset_minutes: 1440,
        };
        vec![
            reminder.clone(),
            PostKey::PromptAtOffset {
                gathering: g,
                start: 1_796_400_000,
            },
            PostKey::PromptBefore {
                gathering: g,
                start: 1_796_400_000,
                offset_minutes: 20160,
            },
            PostKey::PromptOnCron {
                community: 3,
                local: NaiveDate::from_ymd_opt(2026, 12, 7)
                    .and_then(|d| d.and_hms_opt(10, 0, 0))
                    .unwrap(),
            },
            PostKey::Harvest {
                gathering: g,
                end: 1_796_410_800,
            },
            PostKey::CardAfter {
                gathering: g,
                end: 1_796_410_800,
            },
            PostKey::CardScheduled { series: 12 },
            PostKey::MoveNotice {
                gathering: g,
                interaction: u64::MAX,
            },
            PostKey::CancelNotice { gathering: g },
            PostKey::EditNotice {
                gathering: g,
                interaction: 5,
            },
            PostKey::SeriesNotice {
                series: 12,
                interaction: 6,
            },
            PostKey::Dm {
                reminder: Box::new(reminder),
                member: MemberRef(900),
            },
        ]
    }

    #[test]
    fn every_kind_of_key_prints_as_stored_and_reads_back() {
        let printed: Vec<String> = keys().iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            [
                "reminder:7:1796400000:1440",
                "prompt-offset:7:1796400000",
                "prompt-before:7:1796400000:20160",
                "prompt:3:2026-12-07T10:00:00",
                "harvest:7:1796410800",
                "card-after:7:1796410800",
                "card-scheduled:12",
                "notice:move:7:18446744073709551615",
                "notice:cancel:7",
                "notice:edit:7:5",
                "notice:series:12:6",
                "dm:reminder:7:1796400000:1440:900",
            ]
        );
        for key in keys() {
            assert_eq!(PostKey::parse(&key.to_string()), key);
        }
    }

    #[test]
    fn unknown_or_malformed_keys_are_kept_as_they_are() {
        for text in [
            "burst:0",
            "",
            "reminder:7:x:1440",
            "reminder:7:1:2:3",
            "notice:move:7",
            "prompt:3:2026-13-07T10:00:00",
            "dm:nothing:9",
            "reminder:07:1:2",
        ] {
            let key = PostKey::parse(text);
            assert_eq!(key, PostKey::Other(text.to_owned()), "{text}");
            assert_eq!(key.to_string(), text);
        }
    }
}
