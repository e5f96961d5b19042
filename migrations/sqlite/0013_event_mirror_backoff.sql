-- The scheduled-event mirror backs off instead of retrying refused requests on every change: each
-- gathering has its own next attempt (exponential backoff after a failure), a community whose events
-- Discord refuses with 403 (Manage Events missing) is paused until an hourly probe, and a guild that
-- removed the bot (404 Unknown Guild, GUILD_DELETE) is not worked on until it comes back (GUILD_CREATE).
ALTER TABLE gatherings ADD COLUMN event_attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gatherings ADD COLUMN event_retry_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN events_blocked_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN events_gone BIGINT NOT NULL DEFAULT 0;
