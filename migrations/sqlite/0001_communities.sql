-- Communities: one community of practice per Discord channel.
-- Times are BIGINT unix seconds (UTC) and flags 0/1 integers, so one SQL serves SQLite and PostgreSQL.
CREATE TABLE communities (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id          BIGINT  NOT NULL,
    channel_id        BIGINT  NOT NULL UNIQUE,
    name              TEXT    NOT NULL,
    time_zone         TEXT    NOT NULL,
    organizer_role_id BIGINT,
    reminder_offsets  TEXT    NOT NULL,
    role_prompt       TEXT    NOT NULL,
    dm_reminders      INTEGER NOT NULL DEFAULT 0,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL
);

CREATE INDEX communities_by_guild ON communities (guild_id);
