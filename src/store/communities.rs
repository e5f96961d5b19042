//! Communities: create one per channel, find by channel or guild, save settings.

use super::{from_unix, to_unix, Store, StoreError};
use crate::domain::community::{Community, CommunityName, Settings};
use crate::domain::ids::{ChannelRef, CommunityId, GuildRef, RoleRef};
use crate::domain::language::Lang;
use crate::domain::reminders::ReminderOffsets;
use crate::domain::role_prompt::{RolePrompt, TimeFormat};
use crate::domain::roles::Template;
use chrono::{DateTime, Utc};

macro_rules! columns {
    () => {
        "c.id, c.guild_id, c.channel_id, c.name, c.time_zone, c.organizer_role_id, c.reminder_offsets, \
         c.role_prompt, c.dm_reminders, c.one_role_per_member, c.role_template, c.created_at, \
         c.public_page, c.public_names, c.time_format, c.reminders_chosen, c.language, \
         c.settings_revision"
    };
}
/// The columns of a community row (`c`), for a query that reads a community with something else.
pub(super) use columns as community_columns;

const INSERT: &str =
    "INSERT INTO communities (guild_id, channel_id, name, time_zone, organizer_role_id, \
     reminder_offsets, role_prompt, dm_reminders, one_role_per_member, created_at, updated_at, \
     time_format, reminders_chosen, language) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, $9, $9, $11, $12, $13) RETURNING id";

const BY_CHANNEL: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM communities c WHERE c.channel_id = $1"
);

const BY_GUILD: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM communities c WHERE c.guild_id = $1 ORDER BY c.name, c.id"
);

const BY_ID: &str = concat!("SELECT ", columns!(), " FROM communities c WHERE c.id = $1");

// The settings revision counts changes of what posts are planned from (reminders, role prompt, zone).
const UPDATE_SETTINGS: &str =
    "UPDATE communities SET name = $2, time_zone = $3, organizer_role_id = $4, \
     reminder_offsets = $5, role_prompt = $6, dm_reminders = $7, updated_at = $8, one_role_per_member = $9, \
     public_page = $10, public_names = $11, time_format = $12, reminders_chosen = $13, \
     language = $14, settings_revision = settings_revision + CASE WHEN reminder_offsets <> $5 \
     OR role_prompt <> $6 OR time_zone <> $3 THEN 1 ELSE 0 END WHERE id = $1 AND time_zone = $15";
/// Reminders that still follow the rhythm take the rhythm's (nothing if an organizer chose them meanwhile).
const RHYTHM_REMINDERS: &str = "UPDATE communities SET reminder_offsets = $2, updated_at = $4, \
     settings_revision = settings_revision + 1 WHERE id = $1 AND reminders_chosen = 0 AND reminder_offsets = $3";

/// The channel already holds a community.
#[derive(Debug, thiserror::Error)]
#[error("channel already holds community {}", .0.id)]
pub struct CommunityConflict(pub Box<Community>);

#[derive(sqlx::FromRow)]
pub(super) struct CommunityRow {
    id: i64,
    guild_id: i64,
    channel_id: i64,
    name: String,
    time_zone: String,
    organizer_role_id: Option<i64>,
    reminder_offsets: String,
    role_prompt: String,
    dm_reminders: i64,
    one_role_per_member: i64,
    role_template: Option<String>,
    created_at: i64,
    public_page: i64,
    public_names: i64,
    time_format: String,
    reminders_chosen: i64,
    language: String,
    settings_revision: i64,
}

impl CommunityRow {
    pub(super) fn into_domain(self) -> Result<Community, StoreError> {
        let corrupt = |what: &str, e: &dyn std::fmt::Display| {
            StoreError::Corrupt(format!("community {}: {what}: {e}", self.id))
        };
        let name = CommunityName::parse(&self.name).map_err(|e| corrupt("name", &e))?;
        let time_zone = self
            .time_zone
            .parse()
            .map_err(|e: chrono_tz::ParseError| corrupt("time zone", &e))?;
        let reminders =
            ReminderOffsets::parse(&self.reminder_offsets).map_err(|e| corrupt("reminders", &e))?;
        Ok(Community {
            id: CommunityId(self.id),
            guild: GuildRef::from_db(self.guild_id),
            channel: ChannelRef::from_db(self.channel_id),
            settings: Settings {
                name,
                time_zone,
                organizer_role: self.organizer_role_id.map(RoleRef::from_db),
                reminders,
                role_prompt: RolePrompt::from_stored(&self.role_prompt),
                dm_reminders: self.dm_reminders != 0,
                one_role_per_member: self.one_role_per_member != 0,
                public_page: self.public_page != 0,
                public_names: self.public_names != 0,
                time_format: TimeFormat::parse(&self.time_format).unwrap_or_default(),
                reminders_chosen: self.reminders_chosen != 0,
                language: Lang::parse(&self.language).unwrap_or_default(),
            },
            template: self.role_template.as_deref().map_or_else(
                || Template::default_in(Lang::parse(&self.language).unwrap_or_default()),
                Template::from_stored,
            ),
            created_at: from_unix(self.created_at)?,
            settings_revision: self.settings_revision,
        })
    }
}

impl Store {
    /// Binds `channel` to a new community; refuses a channel that already has one.
    #[tracing::instrument(skip(self, settings), fields(name = %settings.name))]
    pub async fn create_community(
        &self,
        guild: GuildRef,
        channel: ChannelRef,
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<Result<Community, CommunityConflict>, StoreError> {
        let inserted = sqlx::query_scalar::<_, i64>(INSERT)
            .bind(guild.to_db())
            .bind(channel.to_db())
            .bind(settings.name.as_str().to_owned())
            .bind(settings.time_zone.name().to_owned())
            .bind(settings.organizer_role.map(RoleRef::to_db))
            .bind(settings.reminders.to_string())
            .bind(settings.role_prompt.to_stored())
            .bind(i64::from(settings.dm_reminders))
            .bind(to_unix(now))
            .bind(i64::from(settings.one_role_per_member))
            .bind(settings.time_format.to_string())
            .bind(i64::from(settings.reminders_chosen))
            .bind(settings.language.code())
            .fetch_one(self.pool())
            .await;
        match inserted {
            Ok(id) => Ok(Ok(Community {
                id: CommunityId(id),
                guild,
                channel,
                settings: settings.clone(),
                template: Template::default_in(settings.language),
                created_at: from_unix(to_unix(now))?,
                settings_revision: 0,
            })),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                let existing = self.community_in_channel(channel).await?.ok_or_else(|| {
                    StoreError::Corrupt(format!(
                        "channel {channel} conflicted but holds no community"
                    ))
                })?;
                Ok(Err(CommunityConflict(Box::new(existing))))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The community whose home is `channel`, if any.
    pub async fn community_in_channel(
        &self,
        channel: ChannelRef,
    ) -> Result<Option<Community>, StoreError> {
        sqlx::query_as::<_, CommunityRow>(BY_CHANNEL)
            .bind(channel.to_db())
            .fetch_optional(self.pool())
            .await?
            .map(CommunityRow::into_domain)
            .transpose()
    }

    /// A community by id.
    pub async fn community(&self, id: CommunityId) -> Result<Option<Community>, StoreError> {
        sqlx::query_as::<_, CommunityRow>(BY_ID)
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?
            .map(CommunityRow::into_domain)
            .transpose()
    }

    /// Every community of a guild, by name.
    pub async fn communities_in_guild(
        &self,
        guild: GuildRef,
    ) -> Result<Vec<Community>, StoreError> {
        sqlx::query_as::<_, CommunityRow>(BY_GUILD)
            .bind(guild.to_db())
            .fetch_all(self.pool())
            .await?
            .into_iter()
            .map(CommunityRow::into_domain)
            .collect()
    }

    /// Saves all settings of a community in one statement, if its zone is still `zone_was` (a zone
    /// change that committed meanwhile is not undone). `false`: nothing saved, the zone had changed.
    #[tracing::instrument(skip(self, settings))]
    pub async fn save_settings(
        &self,
        id: CommunityId,
        settings: &Settings,
        zone_was: chrono_tz::Tz,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(UPDATE_SETTINGS)
            .bind(id.0)
            .bind(settings.name.as_str().to_owned())
            .bind(settings.time_zone.name().to_owned())
            .bind(settings.organizer_role.map(RoleRef::to_db))
            .bind(settings.reminders.to_string())
            .bind(settings.role_prompt.to_stored())
            .bind(i64::from(settings.dm_reminders))
            .bind(to_unix(now))
            .bind(i64::from(settings.one_role_per_member))
            .bind(i64::from(settings.public_page))
            .bind(i64::from(settings.public_names))
            .bind(settings.time_format.to_string())
            .bind(i64::from(settings.reminders_chosen))
            .bind(settings.language.code())
            .bind(zone_was.name().to_owned())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Sets the reminders of a community whose organizers never chose them and that still has `was`:
    /// they follow the rhythm of the series scheduled. `false` if they were chosen or changed meanwhile.
    pub async fn follow_rhythm(
        &self,
        id: CommunityId,
        was: &ReminderOffsets,
        rhythm: &ReminderOffsets,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(RHYTHM_REMINDERS)
            .bind(id.0)
            .bind(rhythm.to_string())
            .bind(was.to_string())
            .bind(to_unix(now))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
